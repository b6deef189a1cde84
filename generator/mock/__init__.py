"""Spec-driven mock server: every endpoint of the specs on 127.0.0.1, with faults on request."""

from .app import MockApp
from .data import VendorData, file_content
from .faults import Fault
from .samples import Sampler
from .server import MockServer, load_mock_apis
from .state import VendorSettings, default_credentials

__all__ = [
    "MockApp",
    "MockServer",
    "load_mock_apis",
    "Fault",
    "VendorData",
    "VendorSettings",
    "Sampler",
    "default_credentials",
    "file_content",
]
