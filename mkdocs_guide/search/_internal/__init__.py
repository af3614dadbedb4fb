"""The ``guide-search`` plugin's workings; the plugin module is its public face."""
