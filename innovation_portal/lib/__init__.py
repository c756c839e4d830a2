"""Small modules that every app of the portal uses: bilingual text, the page cache, history
records and writes of many rows at once.

Nothing here imports an app: the apps import these modules and register with them
(``page_cache.register`` in their ``AppConfig.ready()``).
"""
