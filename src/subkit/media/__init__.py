"""Films and sound as sources of events: speech onsets for sync, hard cuts for shot-change rules.

Everything here goes through the system's ffmpeg and ffprobe (any container and codec they read)
and streams: a three-hour film is never held in memory. Nothing in this package is imported by
the command line's start-up or by commands that only read subtitles; numpy is imported by `speech` only.
"""
