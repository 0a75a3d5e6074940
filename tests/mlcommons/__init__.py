"""Tests of the ML Commons emulator (toolkit/mlcommons); names cite spec sections."""
