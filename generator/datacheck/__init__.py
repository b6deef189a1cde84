"""`callspec validate`: data files checked against an endpoint, streamed, in bounded memory."""

from generator.datacheck.command import Job, Kind, run

__all__ = ["Job", "Kind", "run"]
