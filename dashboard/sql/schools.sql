-- the school master list with the commune of a geography (optionally one commune)
select
    school_id,
    school_code,
    school_name,
    school_level,
    case when $geography = '2020' then commune_id_2020 else commune_id_2025 end as commune_id,
    case when $geography = '2020' then commune_code_2020 else commune_code_2025 end
        as commune_code,
    case when $geography = '2020' then commune_name_2020 else commune_name_2025 end
        as commune_name,
    village_name,
    students,
    lat,
    lon,
    location_approx,
    source_file,
from school_list
where $commune_id is null
    or ($geography = '2020' and commune_id_2020 = $commune_id)
    or ($geography = '2025' and commune_id_2025 = $commune_id)
order by commune_code, school_name
