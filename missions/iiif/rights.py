"""The ``rights`` of an image in IIIF: its licence as a URI that the specifications accept.

The Presentation API 3.0 requires ``rights`` to be a Creative Commons licence URI, a
RightsStatements.org statement URI, or one registered as an extension; anything else, a
publisher's own terms page among them, is invalid. So:

* CC BY-SA 3.0 IGO is a Creative Commons licence: its own URI.
* The ESA Standard Licence is ESA's own terms, not an open licence: the images are in copyright
  and may be re-used only as those terms say. Its statement is RightsStatements.org's
  "In Copyright" (``InC/1.0``); the terms page itself is linked where people read it, in the
  ``requiredStatement`` and the ``metadata`` of every manifest.
"""

from ..models import LICENCE_URLS, Licence

IN_COPYRIGHT = "http://rightsstatements.org/vocab/InC/1.0/"

RIGHTS_URIS = {
    Licence.ESA_STANDARD: IN_COPYRIGHT,
    Licence.CC_BY_SA_3_IGO: LICENCE_URLS[Licence.CC_BY_SA_3_IGO],
}


def rights_uri(licence):
    """The ``rights`` URI of a licence code (``Licence``): In Copyright when unknown."""
    return RIGHTS_URIS.get(licence, IN_COPYRIGHT)


def terms_url(licence):
    """Where people read the licence: the Creative Commons deed, or ESA's terms page."""
    return LICENCE_URLS.get(licence, LICENCE_URLS[Licence.ESA_STANDARD])
