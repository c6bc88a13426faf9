"""Helpers for the Fingerprint test-media corpus (testmedia/). Run with /usr/bin/python3."""
