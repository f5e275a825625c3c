"""Tests of the HTML page (viz/): static checks and the real Chromium."""
