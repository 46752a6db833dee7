"""Your fixtures and pytest hooks. Yours to edit: `copier update` never touches
this file. (The contract plugin is loaded by the template-owned conftest.py at
the project root.)"""
