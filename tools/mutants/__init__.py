"""The mutation campaign: deliberate bugs put into a scratch copy, regenerated, then the suite."""
