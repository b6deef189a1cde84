"""callspec: turn hand-written telephony API specs into typed clients, validators and docs."""
