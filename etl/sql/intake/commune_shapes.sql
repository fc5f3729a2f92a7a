-- one row per 2020-2025 commune with a boundary, in metres (UTM 48N) for distance checks
with communes as (
    select * from stg_communes
    where epoch = '2020'
),

boundaries as (
    select * from stg_boundaries
)

select
    communes.commune_id,
    st_transform(boundaries.geom, 'EPSG:4326', 'EPSG:32648', always_xy := true) as geom_m,
from communes
inner join boundaries on boundaries.commune_code = communes.commune_code
