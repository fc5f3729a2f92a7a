-- SQLite, over vietnamadminunits' dataset.db: the communes of one district before the 2025
-- reform (parameters: province code, district code)
select
    wardCode, wardShort, ward, wardType, districtCode, provinceCode, wardLat, wardLon,
    wardBounds, district
from admin_units_legacy
where provinceCode = ? and districtCode = ?
order by wardCode
