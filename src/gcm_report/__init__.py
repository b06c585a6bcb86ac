"""gcm-report: compile the Secretary-General's report on the Global Compact for Migration.

The pipeline runs one way, and the packages say so: ``load`` (files to trees),
``validate`` (trees to checked submissions and diagnostics), ``aggregate``
(submissions to the report model), ``render`` (model to HTML and PDF) and
``write`` (atomic outputs). ``cli`` is a thin shell over them.
"""

__version__ = "0.1.0"
