-- SQLite, over vietnamadminunits' dataset.db: each pre-2025 commune of one district by its
-- province_district_ward key (parameters: province code, district code)
select provinceKey || '_' || districtKey || '_' || wardKey, wardCode
from admin_units_legacy
where provinceCode = ? and districtCode = ?
