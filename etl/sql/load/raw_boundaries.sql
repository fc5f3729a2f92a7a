-- one row per commune polygon of the boundary file in use, from the frame _boundaries
-- (etl.geography.boundaries): its geometry, and the browser's simplified copy
create or replace table raw_boundaries as
select
    commune_code,
    source,
    source = $schematic as is_schematic,
    st_geomfromwkb(wkb) as geom,
    st_geomfromwkb(wkb_web) as geom_web,
    area_km2,
from _boundaries
