-- every distinct village and school named in an activity row, within the commune the row
-- resolved to, with the day it is used on (villages are created and merged; a reviewer's choice
-- of a place does not reach into a period locked before it was made)
select distinct 'village' as field, commune_id, village as text, start_on from located
where kind = 'activity' and commune_id is not null and village is not null
union all
select distinct 'school', commune_id, school, start_on from located
where kind = 'activity' and commune_id is not null and school is not null
