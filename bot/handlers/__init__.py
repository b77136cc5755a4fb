"""Telegram adapters: unwrap an update, ask the pipeline or rendering, reply."""
