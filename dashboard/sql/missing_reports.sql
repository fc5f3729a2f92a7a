-- expected reporting units whose report for a period is missing or does not cover it all
-- (optionally those of one commune of the geography, or in a period of the other epoch of the
-- communes its area was then, and the district units)
select
    reporting.unit_id,
    reporting.unit_kind,
    reporting.unit_name,
    reporting.commune_id,
    reporting.commune_code,
    reporting.submitted,
    reporting.days_covered,
    reporting.days_expected,
from unit_reporting as reporting
where reporting.period_id = $period_id
    and reporting.expected
    and not reporting.complete
    and (
        $commune_id is null
        or reporting.commune_id is null
        or list_contains(reporting.area_commune_ids, $commune_id)
    )
order by reporting.submitted, reporting.commune_code nulls first, reporting.unit_kind
