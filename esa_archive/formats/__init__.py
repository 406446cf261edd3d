"""The site's own date and number formats, one package per language (``FORMAT_MODULE_PATH``).

Only a language whose Django formats are not the archive's has a package here: English, which
is British English on this site (Django's ``en`` is American). French uses Django's own
``fr`` formats, which are already right ("30 septembre 2021", "30/09/2021", "14:05"). What a
package leaves out (number separators…) comes from Django's formats for the language.
"""
