-- SQLite, over vietnamadminunits' dataset.db: each 2025 commune of a province by its ward key
-- (parameter: province code)
select wardKey, wardCode
from admin_units
where provinceCode = ?
