-- one row per reviewer's choice of a place for a typed name (data/name_choices.csv), revoked
-- ones too; name_key is the exact key the build compares typed names by
with source as (
    select * from raw_name_choices
),

cleaned as (
    select
        cast(choice_id as varchar) as choice_id,
        cast(field as varchar) as field,
        cast(commune_id as varchar) as commune_id,
        cast(typed as varchar) as typed,
        admin_exact_key(cast(typed as varchar)) as name_key,
        cast(place_id as varchar) as place_id,
        cast(place_name as varchar) as place_name,
        cast(chosen_at as timestamptz) as chosen_at,
        cast(chosen_by as varchar) as chosen_by,
        cast(revoked_at as timestamptz) as revoked_at,
        cast(revoked_by as varchar) as revoked_by,
        revoked_at is null as in_force,
    from source
)

select * from cleaned
