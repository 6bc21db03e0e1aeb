"""The static site of every agreement: ``agreed site`` (:mod:`agreed.site.build`)."""
