-- one row per later commune all of whose predecessors have a shape: the union of their shapes
with crosswalk as (
    select * from stg_commune_crosswalk
),

shapes as (
    select * from commune_shapes
),

parts as (
    select
        crosswalk.new_commune_id as commune_id,
        count(*) as predecessors,
        count(shapes.commune_id) as with_shape,
        st_union_agg(shapes.geom_m) as geom_m,
    from crosswalk
    left join shapes on shapes.commune_id = crosswalk.old_commune_id
    group by crosswalk.new_commune_id
)

select commune_id, geom_m
from parts
where predecessors = with_shape
    and commune_id not in (select commune_id from shapes)
