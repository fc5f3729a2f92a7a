-- one row per activity row whose point lies farther than $max_metres from its commune's shape
with source as (
    select * from resolved
    where kind = 'activity'
        and commune_id is not null
        and lat between -90 and 90
        and lon between -180 and 180
),

points as (
    select distinct commune_id, lat, lon from source
),

distances as (
    select
        points.*,
        st_distance(
            shapes.geom_m,
            st_transform(st_point(points.lon, points.lat), 'EPSG:4326', 'EPSG:32648',
                always_xy := true)
        ) as metres,
    from points
    inner join commune_shapes as shapes using (commune_id)
)

select
    source.receipt_no,
    source.source_row,
    source.submission_id,
    'latitude' as column_name,
    source.latitude || ', ' || source.longitude as value,
    'coordinates_outside_commune' as problem,
    json_object('metres', round(distances.metres)::bigint)::varchar as fields,
    'error' as severity,
from source
inner join distances using (commune_id, lat, lon)
where distances.metres > $max_metres
