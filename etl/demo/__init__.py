"""Sample data that looks like Chợ Đồn (`python -m etl demo`), and synthetic data for benchmarks.

Everything here is invented and marked as sample: file names start with ``MAU_`` ("mẫu"), every
workbook carries a "DỮ LIỆU MẪU" note, and every village and school name ends in "(mẫu)". The
only real figures used are the communes (GSO codes, names, the project's schematic polygons) and
the GSO 2019 census household counts, all from the project's gazetteer
(``etl.geography.gazetteer``).

Modules, in the order data flows: ``geography`` (communes, their 2025 successors, remoteness),
``places`` (villages and schools), ``units`` (who reports which quarter), ``activities`` (what a
report holds), ``mess`` (real-world untidiness and planted errors), ``workbook`` (the .xlsx
bytes), ``generate`` (the district sample, file by file) and ``scale`` (benchmark volumes).
"""
