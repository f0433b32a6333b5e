"""Reading other tools' tracking plans into evdict's plan data (``evdict import``).

Each format is one module with a ``read(sources, imported)`` function, named in
:data:`evdict.importers.registry.FORMATS`. A reader fills an :class:`Imported`: the
events as plan entries (the mappings a plan file holds, names kept exactly) and a
note for everything it read but could not map, with where it was.
"""
