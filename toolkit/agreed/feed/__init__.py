"""The agreements' dates as a calendar (``agreed calendar``): the events of an agreement (:mod:`.events`, its
check-ins a series where :mod:`agreed.cadence` reads the cadence as a rhythm), their revisions over the file's history
(:mod:`.revisions`), the RFC 5545 text (:mod:`.ics`) and the run that ties them together (:mod:`.build`)."""
