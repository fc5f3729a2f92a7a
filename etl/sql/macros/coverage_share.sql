-- two macros, the status first (coverage_share calls it): what is known of a commune's (or the area's) village coverage: 'no_villages' when no village
-- is applicable, 'not_reported' when every applicable village is not reported (nobody reported
-- and nobody went), else 'measured'. Only a measured share has a percentage: no data is not 0 %
create or replace temp macro coverage_status(villages_applicable, villages_not_reported) as
    case
        when coalesce(villages_applicable, 0) = 0 then 'no_villages'
        when villages_not_reported = villages_applicable then 'not_reported'
        else 'measured'
    end;

-- reached / applicable villages in percent, one decimal; null where coverage_status is not
-- 'measured' (no village applicable, or every one not reported): unknown, never 0 %
create or replace temp macro coverage_share(villages_reached, villages_applicable,
        villages_not_reported) as
    if(coverage_status(villages_applicable, villages_not_reported) = 'measured',
        round(100.0 * villages_reached / villages_applicable, 1), null)
