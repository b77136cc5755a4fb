"""Benchmarks for `make bench`: the core pipeline, in-process updates and the bot process."""
