"""OAI-PMH 2.0 data provider at /oai: harvesters read the published catalogue as Dublin Core or IEEE LOM."""
