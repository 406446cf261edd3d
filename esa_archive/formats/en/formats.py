"""British English, the site's English: "30 September 2021", "30/09/2021", "14:05".

From Django's ``en_GB`` formats, with the month written in full and 24-hour times, as a
European agency writes them; the week starts on Monday. Machine formats (``<time datetime>``,
JSON, feeds, sitemaps) do not come from here: they are always ISO 8601 or RFC 3339.

The *_FORMAT strings use the template filter ``date``'s syntax; the *_INPUT_FORMATS ones
``strptime``'s. The first input format is the one a form field (and the admin's calendar)
writes a value in: ISO, which no reader can misread; a British day-first date is taken too.
A US month-first date ("09/30/2021") is refused, never read as another day.
"""

DATE_FORMAT = "j F Y"  # '30 September 2021'
TIME_FORMAT = "H:i"  # '14:05'
DATETIME_FORMAT = "j F Y, H:i"  # '30 September 2021, 14:05'
YEAR_MONTH_FORMAT = "F Y"  # 'September 2021'
MONTH_DAY_FORMAT = "j F"  # '30 September'
SHORT_DATE_FORMAT = "d/m/Y"  # '30/09/2021'
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # '30/09/2021 14:05'
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # '2021-09-30'
    "%d/%m/%Y",  # '30/09/2021'
    "%d/%m/%y",  # '30/09/21'
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",  # '14:05:59'
    "%H:%M:%S.%f",  # '14:05:59.000200'
    "%H:%M",  # '14:05'
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",  # '2021-09-30 14:05:59'
    "%Y-%m-%d %H:%M:%S.%f",  # '2021-09-30 14:05:59.000200'
    "%Y-%m-%d %H:%M",  # '2021-09-30 14:05'
    "%d/%m/%Y %H:%M:%S",  # '30/09/2021 14:05:59'
    "%d/%m/%Y %H:%M:%S.%f",  # '30/09/2021 14:05:59.000200'
    "%d/%m/%Y %H:%M",  # '30/09/2021 14:05'
    "%d/%m/%y %H:%M:%S",  # '30/09/21 14:05:59'
    "%d/%m/%y %H:%M:%S.%f",  # '30/09/21 14:05:59.000200'
    "%d/%m/%y %H:%M",  # '30/09/21 14:05'
]
