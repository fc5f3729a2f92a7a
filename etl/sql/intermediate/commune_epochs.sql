-- one row per commune of any epoch (pre-2020, 2020, 2025), placing it in both geographies:
-- commune_ids_2020, the 2020-epoch communes it covers (itself for a 2020 commune, its
-- predecessors for a 2025 one, its successors for an older one), and for a 2020 commune its
-- 2025 successor (commune_id_2025) with the day the reform took effect (successor_from).
-- Activities, villages, schools and coverage find their communes here, never in the crosswalk.
with communes as (
    select * from stg_communes
),

crosswalk as (
    select * from stg_commune_crosswalk
),

to_2020 as (
    select commune_id, commune_id as commune_id_2020
    from communes
    where epoch = '2020'
    union all
    select crosswalk.new_commune_id, crosswalk.old_commune_id
    from crosswalk
    inner join communes as old on old.commune_id = crosswalk.old_commune_id
    where old.epoch = '2020'
    union all
    select crosswalk.old_commune_id, crosswalk.new_commune_id
    from crosswalk
    inner join communes as new on new.commune_id = crosswalk.new_commune_id
    where new.epoch = '2020'
),

covers as (
    select
        commune_id,
        list(distinct commune_id_2020 order by commune_id_2020) as commune_ids_2020,
    from to_2020
    group by commune_id
),

successor as (
    select
        crosswalk.old_commune_id as commune_id,
        crosswalk.new_commune_id as commune_id_2025,
        crosswalk.effective_date as successor_from,
    from crosswalk
    inner join communes as new on new.commune_id = crosswalk.new_commune_id
    where new.epoch = '2025'
)

select
    communes.commune_id,
    communes.epoch,
    coalesce(covers.commune_ids_2020, []) as commune_ids_2020,
    successor.commune_id_2025,
    successor.successor_from,
from communes
left join covers using (commune_id)
left join successor using (commune_id)
