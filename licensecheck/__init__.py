"""licensecheck: may we train on this?"""

__version__ = "0.1.0"
