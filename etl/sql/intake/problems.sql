-- one row per problem of an activity row: the column, the value as typed (a date compared with
-- another: the day it was read as, dd/mm/yyyy, never an Excel serial number), the message key,
-- its fields (JSON), and whether the row is rejected (error) or loaded with a notice. Conditions
-- are tested on every row; the problem records are built only for rows that have one.
-- A file sent by a unit's reporter (reporter_unit) may not carry rows led by another reporting
-- unit (district or commune level; mass organisations may lead rows of any report).
-- A row dated outside its report's period is loaded, counted in the period of its date, and
-- flagged; one dated inside a period locked before its receipt arrived (row_locks) is refused.
with source as (
    select
        resolved.*,
        kinds.level as lead_unit_level,
        submissions.period,
        submissions.period_start,
        submissions.period_end,
        (
            select {'period': locks.period, 'by': locks.locked_by, 'day': locks.locked_day}
            from row_locks as locks
            where locks.receipt_no = resolved.receipt_no
                and resolved.start_on between locks.period_start and locks.period_end
            order by locks.period_start, locks.period
            limit 1
        ) as row_lock,
    from resolved
    left join ref_unit_kinds as kinds on kinds.unit_kind = resolved.lead_unit_kind
    left join submission_order as submissions using (submission_id)
    where resolved.kind = 'activity'
),

tested as (
    select
        *,
        case when start_on is not null then false
            else start_date is null or trim(start_date) = '' end as start_missing,
        case when start_on is not null or start_date is null then false
            else trim(start_date) != '' end as start_invalid,
        case when end_on is not null or end_date is null then false
            else trim(end_date) != '' end as end_invalid,
        coalesce(end_on < start_on, false) as end_before_start,
        coalesce(start_on > received_on, false) as start_future,
        coalesce(end_on > received_on and start_on <= received_on, false) as end_future,
        coalesce(start_on < $earliest::date, false) as too_early,
        coalesce(start_on not between period_start and period_end
            and start_on between $earliest::date and received_on
            and row_lock is null, false) as outside_period,
        row_lock is not null as in_locked_period,
        case when participants_n is not null or participants is null then false
            else trim(participants) != '' end as participants_invalid,
        case when children_n is not null or children is null then false
            else trim(children) != '' end as children_invalid,
        coalesce(children_n > participants_n, false) as too_many_children,
        case when commune_id is not null or commune_problem is not null
                or lead_unit_problem is not null or (village is null and school is null) then false
            else trim(coalesce(village, '') || coalesce(school, '')) != '' end as place_alone,
        coalesce(reporter_unit is not null and lead_unit_id != reporter_unit
            and lead_unit_level in ('district', 'commune'), false) as other_unit,
        case when latitude is null and longitude is null then false
            else (coalesce(trim(latitude), '') = '') != (coalesce(trim(longitude), '') = '')
        end as half_point,
        case when latitude is null or lat between -90 and 90 then false
            else trim(latitude) != '' end as latitude_invalid,
        case when longitude is null or lon between -180 and 180 then false
            else trim(longitude) != '' end as longitude_invalid,
    from source
),

flagged as (
    select * from tested
    where start_missing or lead_unit is null or activity_type is null or audience is null
        or start_invalid or end_invalid or end_before_start or start_future or end_future
        or too_early or participants_invalid or children_invalid or too_many_children
        or lead_unit_problem is not null or partners_problem is not null
        or activity_type_problem is not null or audience_problem is not null
        or commune_problem is not null or village_problem is not null
        or school_problem is not null or place_alone or half_point or latitude_invalid
        or longitude_invalid or content_personal or note_personal or other_unit
        or outside_period or in_locked_period
        or lead_unit_read_as is not null or partners_read_as is not null
        or commune_read_as is not null or village_read_as is not null
        or school_read_as is not null
),

found as (
    select
        receipt_no,
        source_row,
        submission_id,
        unnest(list_filter([
            if(start_missing, {'c': 'start_date', 'v': start_date, 'p': 'required_missing',
                'f': null, 's': 'error'}, null),
            if(lead_unit is null, {'c': 'lead_unit', 'v': null, 'p': 'required_missing',
                'f': null, 's': 'error'}, null),
            if(activity_type is null, {'c': 'activity_type', 'v': null,
                'p': 'required_missing', 'f': null, 's': 'error'}, null),
            if(audience is null, {'c': 'audience', 'v': null, 'p': 'required_missing',
                'f': null, 's': 'error'}, null),
            if(start_invalid, {'c': 'start_date', 'v': start_date, 'p': 'date_invalid',
                'f': null, 's': 'error'}, null),
            if(end_invalid, {'c': 'end_date', 'v': end_date, 'p': 'date_invalid', 'f': null,
                's': 'error'}, null),
            if(end_before_start, {'c': 'end_date', 'v': vn_day(end_on),
                'p': 'date_end_before_start', 'f': null, 's': 'error'}, null),
            if(start_future, {'c': 'start_date', 'v': vn_day(start_on),
                'p': 'date_in_future',
                'f': json_object('day', vn_day(received_on))::varchar,
                's': 'error'}, null),
            if(end_future, {'c': 'end_date', 'v': vn_day(end_on),
                'p': 'date_in_future',
                'f': json_object('day', vn_day(received_on))::varchar,
                's': 'error'}, null),
            if(too_early, {'c': 'start_date', 'v': vn_day(start_on),
                'p': 'date_too_early',
                'f': json_object('day', vn_day($earliest::date))::varchar,
                's': 'error'}, null),
            if(participants_invalid, {'c': 'participants', 'v': participants,
                'p': if(regexp_full_match(trim(participants), $negative_pattern),
                    'count_negative', 'count_not_integer'),
                'f': null, 's': 'error'}, null),
            if(children_invalid, {'c': 'children', 'v': children,
                'p': if(regexp_full_match(trim(children), $negative_pattern),
                    'count_negative', 'count_not_integer'),
                'f': null, 's': 'error'}, null),
            if(too_many_children, {'c': 'children', 'v': children,
                'p': 'children_exceed_participants',
                'f': json_object('participants', participants)::varchar, 's': 'error'}, null),
            if(lead_unit_problem is not null, {'c': 'lead_unit', 'v': lead_unit,
                'p': lead_unit_problem, 'f': lead_unit_fields, 's': 'error'}, null),
            if(partners_problem is not null, {'c': 'partners', 'v': partners,
                'p': partners_problem, 'f': partners_fields, 's': 'error'}, null),
            if(activity_type_problem is not null, {'c': 'activity_type', 'v': activity_type,
                'p': activity_type_problem, 'f': activity_type_fields, 's': 'error'}, null),
            if(audience_problem is not null, {'c': 'audience', 'v': audience,
                'p': audience_problem, 'f': audience_fields, 's': 'error'}, null),
            if(commune_problem is not null, {'c': 'commune', 'v': commune,
                'p': commune_problem, 'f': commune_fields, 's': 'error'}, null),
            if(village_problem is not null, {'c': 'village', 'v': village,
                'p': village_problem, 'f': village_fields, 's': 'error'}, null),
            if(school_problem is not null, {'c': 'school', 'v': school, 'p': school_problem,
                'f': school_fields, 's': 'error'}, null),
            if(place_alone, {'c': if(village is not null, 'village', 'school'),
                'v': coalesce(village, school), 'p': 'place_needs_commune', 'f': null,
                's': 'error'}, null),
            if(half_point, {'c': if(coalesce(trim(latitude), '') = '', 'latitude',
                'longitude'), 'v': coalesce(latitude, longitude), 'p': 'coordinates_incomplete',
                'f': null, 's': 'error'}, null),
            if(latitude_invalid, {'c': 'latitude', 'v': latitude, 'p': 'coordinate_invalid',
                'f': null, 's': 'error'}, null),
            if(longitude_invalid, {'c': 'longitude', 'v': longitude,
                'p': 'coordinate_invalid', 'f': null, 's': 'error'}, null),
            if(other_unit, {'c': 'lead_unit', 'v': lead_unit, 'p': 'row_other_unit',
                'f': json_object('unit', reporter_unit_name)::varchar, 's': 'error'}, null),
            if(lead_unit_read_as is not null, {'c': 'lead_unit', 'v': lead_unit,
                'p': 'name_read_as', 'f': json_object('name', lead_unit_read_as)::varchar,
                's': 'notice'}, null),
            if(partners_read_as is not null, {'c': 'partners', 'v': partners,
                'p': 'name_read_as', 'f': json_object('name', partners_read_as)::varchar,
                's': 'notice'}, null),
            if(commune_read_as is not null, {'c': 'commune', 'v': commune,
                'p': 'name_read_as', 'f': json_object('name', commune_read_as)::varchar,
                's': 'notice'}, null),
            if(village_read_as is not null, {'c': 'village', 'v': village,
                'p': 'name_read_as', 'f': json_object('name', village_read_as)::varchar,
                's': 'notice'}, null),
            if(school_read_as is not null, {'c': 'school', 'v': school,
                'p': 'name_read_as', 'f': json_object('name', school_read_as)::varchar,
                's': 'notice'}, null),
            if(content_personal, {'c': 'content', 'v': null, 'p': 'personal_data_masked',
                'f': null, 's': 'notice'}, null),
            if(note_personal, {'c': 'note', 'v': null, 'p': 'personal_data_masked', 'f': null,
                's': 'notice'}, null),
            if(in_locked_period, {'c': 'start_date', 'v': vn_day(start_on),
                'p': 'row_in_locked_period', 'f': json_object('day', vn_day(start_on),
                    'locked', row_lock.period, 'by', row_lock.by,
                    'locked_day', row_lock.day)::varchar, 's': 'error'}, null),
            if(outside_period, {'c': 'start_date', 'v': vn_day(start_on),
                'p': 'date_outside_period', 'f': json_object('day', vn_day(start_on),
                    'period', period, 'start', vn_day(period_start), 'end',
                    vn_day(period_end))::varchar, 's': 'notice'}, null),
        ], problem -> problem is not null)) as problem,
    from flagged
)

select
    receipt_no,
    source_row,
    submission_id,
    problem.c as column_name,
    problem.v as value,
    problem.p as problem,
    problem.f as fields,
    problem.s as severity,
from found
