"""subkit: read, check, repair, retime and translate subtitle tracks.

The package root stays import-light on purpose: the command line imports it on every start, so
heavy modules (language detection, machine translation) are only imported where they are used.
"""

__version__ = "0.1.0"
