-- one row per 2020-epoch commune per geography: '2020' maps it to itself, '2025' to its
-- successor. Coverage rows are repeated once per geography through this table.
with epochs as (
    select * from commune_epochs
)

select commune_id as commune_id_2020, '2020' as geography, commune_id
from epochs
where epoch = '2020'
union all
select commune_id, '2025', commune_id_2025
from epochs
where epoch = '2020' and commune_id_2025 is not null
