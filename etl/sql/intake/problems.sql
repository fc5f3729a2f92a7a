-- one row per problem found in an activity row: the column, the value as typed, the message key
with source as (
    select * from resolved
    where kind = 'activity'
),

checks as (
    select *, 'start_date' as column_name, start_date as value, 'required_missing' as problem,
        null as fields
    from source where start_date is null
    union all
    select *, 'lead_unit', lead_unit, 'required_missing', null from source where lead_unit is null
    union all
    select *, 'activity_type', activity_type, 'required_missing', null
    from source where activity_type is null
    union all
    select *, 'audience', audience, 'required_missing', null from source where audience is null
    union all
    select *, 'start_date', start_date, 'date_invalid', null
    from source where start_date is not null and start_on is null
    union all
    select *, 'end_date', end_date, 'date_invalid', null
    from source where end_date is not null and end_on is null
    union all
    select *, 'end_date', end_date, 'date_end_before_start', null
    from source where end_on < start_on
    union all
    select *, 'start_date', start_date, 'date_in_future',
        json_object('day', strftime(received_on, '%d/%m/%Y'))::varchar
    from source where start_on > received_on
    union all
    select *, 'end_date', end_date, 'date_in_future',
        json_object('day', strftime(received_on, '%d/%m/%Y'))::varchar
    from source where end_on > received_on and start_on <= received_on
    union all
    select *, 'start_date', start_date, 'date_too_early',
        json_object('day', strftime($earliest::date, '%d/%m/%Y'))::varchar
    from source where start_on < $earliest::date
    union all
    select *, 'participants', participants,
        if(participants_negative, 'count_negative', 'count_not_integer'), null
    from source where participants is not null and participants_n is null
    union all
    select *, 'children', children, if(children_negative, 'count_negative', 'count_not_integer'),
        null
    from source where children is not null and children_n is null
    union all
    select *, 'children', children, 'children_exceed_participants',
        json_object('participants', participants)::varchar
    from source where children_n > participants_n
    union all
    select *, 'lead_unit', lead_unit, lead_unit_problem, lead_unit_fields
    from source where lead_unit_problem is not null
    union all
    select *, 'partners', partners, partners_problem, partners_fields
    from source where partners_problem is not null
    union all
    select *, 'activity_type', activity_type, activity_type_problem, activity_type_fields
    from source where activity_type_problem is not null
    union all
    select *, 'audience', audience, audience_problem, audience_fields
    from source where audience_problem is not null
    union all
    select *, 'commune', commune, commune_problem, commune_fields
    from source where commune_problem is not null
    union all
    select *, 'village', village, village_problem, village_fields
    from source where village_problem is not null
    union all
    select *, 'school', school, school_problem, school_fields
    from source where school_problem is not null
    union all
    select *, if(village is not null, 'village', 'school'), coalesce(village, school),
        'place_needs_commune', null
    from source
    where (village is not null or school is not null) and commune_id is null
        and commune_problem is null and lead_unit_problem is null
    union all
    select *, if(latitude is null, 'latitude', 'longitude'), coalesce(latitude, longitude),
        'coordinates_incomplete', null
    from source where (latitude is null) != (longitude is null)
    union all
    select *, 'latitude', latitude, 'coordinate_invalid', null
    from source where latitude is not null and (lat is null or lat not between -90 and 90)
    union all
    select *, 'longitude', longitude, 'coordinate_invalid', null
    from source where longitude is not null and (lon is null or lon not between -180 and 180)
)

select
    receipt_no,
    source_row,
    submission_id,
    column_name,
    value,
    problem,
    fields,
    'error' as severity,
from checks
