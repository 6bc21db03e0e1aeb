"""The agreements' dates as a calendar (``agreed calendar``): the cadence read as a rhythm (:mod:`.cadence`), the
events of an agreement (:mod:`.events`), their revisions over the file's history (:mod:`.revisions`), the RFC 5545
text (:mod:`.ics`) and the run that ties them together (:mod:`.build`)."""
