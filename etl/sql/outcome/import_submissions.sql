-- the submissions made from the receipts in $receipts (an import's files, or a dry run's), with
-- the unit's display name in both languages: "<unit kind> – <commune>" for a commune's unit
select
    submissions.submission_id,
    submissions.receipt_id,
    submissions.file_name,
    submissions.unit_id,
    unit_display_name(
        coalesce(unit_kinds.name_vi, submissions.unit_kind),
        coalesce(communes.full_name, cast(submissions.unit_commune_id as varchar))
    ) as unit_name_vi,
    unit_display_name(
        coalesce(unit_kinds.name_en, submissions.unit_kind),
        coalesce(communes.full_name, cast(submissions.unit_commune_id as varchar))
    ) as unit_name_en,
    submissions.period,
    submissions.period_start,
    submissions.period_end,
    submissions.status,
    submissions.no_activities,
    submissions.rows_read,
    submissions.rows_loaded,
    submissions.rows_rejected,
    submissions.unit_source,
    submissions.period_source,
    submissions.supersedes,
    submissions.mode,
    submissions.added_to,
    submissions.rows_repeated,
from raw_submissions as submissions
left join ref_unit_kinds as unit_kinds on unit_kinds.unit_kind = submissions.unit_kind
left join stg_communes as communes
    on communes.commune_id = cast(submissions.unit_commune_id as varchar)
where list_contains(cast($receipts as varchar[]), submissions.receipt_id)
order by submissions.submission_id
