"""kilowhat: a Telegram bot that puts chatbot energy use in perspective."""
