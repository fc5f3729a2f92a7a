-- a count as a clerk types it → bigint, NULL when it is not one: "1.200", "1,350", "1 500",
-- "45 người", "30 em" (pattern: etl.reports.validate.COUNT_PATTERN, the number in group 1;
-- separators: the thousands separators to drop)
create or replace temp macro typed_count(value, pattern, separators) as
    case
        when regexp_full_match(value, '[0-9]{1,15}') then cast(value as bigint)
        when regexp_full_match(nfc_normalize(value), pattern)
            then try_cast(regexp_replace(regexp_extract(nfc_normalize(value), pattern, 1),
                separators, '', 'g') as bigint)
    end
