-- one row per later commune whose predecessors all lie in the district and have a shape: the
-- union of their shapes (communes that took over units outside the district are left out, as
-- their full extent is not known)
with crosswalk as (
    select * from stg_commune_crosswalk
),

shapes as (
    select * from commune_shapes
),

communes as (
    select * from stg_communes
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

select parts.commune_id, parts.geom_m
from parts
inner join communes on communes.commune_id = parts.commune_id
where parts.predecessors = parts.with_shape
    and coalesce(communes.predecessors_outside, 0) = 0
    and parts.commune_id not in (select commune_id from shapes)
