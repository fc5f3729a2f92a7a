-- SQLite, over vietnamadminunits' dataset.db: the 2025 communes of a province with the given
-- ward keys (parameters: province code, a JSON list of ward keys)
select
    wardCode, wardShort, ward, wardType, provinceCode, province, wardLat, wardLon, wardKey
from admin_units
where provinceCode = ? and wardKey in (select value from json_each(?))
order by wardCode
