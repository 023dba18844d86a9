"""Tests of how long a web request waits for the database (deadlines/)."""
