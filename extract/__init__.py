"""Text to the data model: documents, sentences, mentions, entities and relations."""
