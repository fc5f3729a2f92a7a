-- one row per activity record with a date, a known type and a commune valid on that date
with source as (
    select * from raw_activities
),

types as (
    select admin_key(alias) as type_key, activity_type from ref_activity_type_aliases
    union
    select admin_key(activity_type), activity_type from ref_activity_types
),

cleaned as (
    select
        source.source_file,
        source.source_row,
        coalesce(
            try_strptime(source.start_date, '%d/%m/%Y'),
            try_cast(source.start_date as timestamp)
        )::date as start_date,
        types.activity_type,
        source.audience,
        admin_key(source.commune) as commune_key,
        trim(source.commune) as commune_name_reported,
        try_cast(replace(source.participants, '.', '') as integer) as participants,
        try_cast(replace(source.children, '.', '') as integer) as children,
    from source
    left join types on types.type_key = admin_key(source.activity_type)
),

located as (
    select
        cleaned.*,
        communes.commune_code,
    from cleaned
    left join stg_communes as communes
        on communes.commune_key = cleaned.commune_key
        and cleaned.start_date between communes.valid_from and communes.valid_to
)

select * from located
where start_date is not null
