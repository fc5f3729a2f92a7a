"""Benchmark: rebuild the coverage marts for a province-scale warehouse.

Goal: about 1,400 villages and 1,000,000 activities in under 5 s.

    .venv/bin/python benchmarks/marts.py [--villages 1400] [--activities 1000000] [--repeat 3]

The staging views the marts read (``docs/warehouse.md``, "Staging contract") are replaced here by
synthetic tables with the same columns, generated in DuckDB with a fixed seed: the benchmark
measures the marts alone (``raw_periods``, every coverage model, and the checkpoint that puts
them on disk), not the import. (``python -m etl demo --scale province`` writes report files to
import; importing a million rows is the import benchmark's business, not this one's.) The
synthetic province has 100 communes of 2020 going into 30 of 2025 on 2025-07-01, schools, a
quarterly report from most People's Committees and district units, and activities spread over
2024-01 … 2026-09 (60 % direct in a village, 20 % broadcasts and leaflets, 10 % at schools,
10 % district-wide or online), a third of them joint.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

from etl import db, periods, reference
from etl.load import load_raw
from etl.transform import MODELS, run_models

COVERAGE_MARTS = (
    "unit_kind_bits",
    "commune_epochs",
    "commune_geographies",
    "activity_atoms",
    "place_activity",
    "village_coverage",
    "school_coverage",
    "school_indicator_830",
    "commune_coverage",
    "district_coverage",
    "unit_roster",
    "unit_reporting",
    "village_priority",
)
TODAY = date(2026, 10, 15)


def main() -> None:
    """Generate the synthetic staging tables once, then time the marts ``--repeat`` times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=1400)
    parser.add_argument("--activities", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        con = db.connect_path(Path(folder) / "bench.duckdb")
        started = time.perf_counter()
        _generate(con, args.villages, args.activities)
        print(f"synthetic staging: {time.perf_counter() - started:.1f} s")
        marts = [m for m in MODELS if m.stem in COVERAGE_MARTS]
        timings: list[float] = []
        cpu: list[float] = []
        each: dict[str, list[float]] = {m.stem: [] for m in marts}
        for _ in range(args.repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            count = periods.load_periods(con, TODAY)
            for model in marts:
                model_started = time.perf_counter()
                run_models(con, [model])
                each[model.stem].append(time.perf_counter() - model_started)
            con.execute("checkpoint")  # the build ends with one too: the tables are on disk
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        sizes = {m.stem: con.execute(f"select count(*) from {m.stem}").fetchone() for m in marts}
        con.close()
    print(f"{args.villages} villages, {args.activities} activities, {count} periods")
    for name, size in sizes.items():
        rows = size[0] if size else 0
        print(f"  {name}: {rows} rows, {statistics.median(each[name]):.2f} s")
    print(
        f"marts rebuilt in {statistics.median(timings):.2f} s (median of {len(timings)}; "
        f"min {min(timings):.2f} s, goal < 5 s); CPU {statistics.median(cpu):.2f} s on "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} when done"
    )


def _generate(con: duckdb.DuckDBPyConnection, villages: int, activities: int) -> None:
    for name in reference.TABLES:
        load_raw(con, f"ref_{name}", reference.read_reference(name))
    con.execute("select setseed(0.6)")
    sizes = {"villages": villages, "activities": activities}
    for statement in _GENERATE:
        con.execute(statement, {k: v for k, v in sizes.items() if f"${k}" in statement})


_GENERATE = (
    """
    create table stg_communes as
    select
        '2020:' || (10000 + i)::varchar as commune_id,
        (10000 + i)::varchar as commune_code,
        '2020' as epoch,
        'Xã ' || i::varchar as commune_name,
        'Xã ' || i::varchar as full_name,
        'Xã' as commune_type,
        'xa ' || i::varchar as commune_key,
        date '2020-02-01' as valid_from,
        date '2025-06-30' as valid_to,
        null::double as lat,
        null::double as lon,
        (1500 + (i * 37) % 3000)::integer as population_2019,
        (400 + (i * 11) % 800)::integer as households_2019,
    from range(100) as t(i)
    union all
    select
        '2025:' || (20000 + i)::varchar,
        (20000 + i)::varchar,
        '2025',
        'Xã mới ' || i::varchar,
        'Xã mới ' || i::varchar,
        'Xã',
        'xa moi ' || i::varchar,
        date '2025-07-01',
        null::date,
        null,
        null,
        null,
        null,
    from range(30) as t(i)
    """,
    """
    create table stg_commune_crosswalk as
    select
        '2020:' || (10000 + i)::varchar as old_commune_id,
        '2025:' || (20000 + i % 30)::varchar as new_commune_id,
        date '2025-07-01' as effective_date,
    from range(100) as t(i)
    """,
    """
    create table stg_villages as
    select
        'v' || i::varchar as village_id,
        '2020:' || (10000 + i % 100)::varchar as commune_id,
        'Thôn ' || i::varchar as village_name,
        'thon ' || i::varchar as village_key,
        'Thôn' as village_kind,
        case when i % 50 = 0 then date '2025-01-01' end as valid_from,
        null::date as valid_to,
        null::double as lat,
        null::double as lon,
        true as location_approx,
        case when i % 7 = 0 then null else (30 + (i * 13) % 120) end::integer as households,
    from range($villages) as t(i)
    """,
    """
    create table stg_schools as
    select
        's' || i::varchar as school_id,
        '2020:' || (10000 + i % 100)::varchar as commune_id,
        'Trường ' || i::varchar as school_name,
        'truong ' || i::varchar as school_key,
        ['Mầm non', 'Tiểu học', 'THCS', 'TH&THCS'][1 + i % 4] as school_level,
        null::varchar as village_id,
        null::double as lat,
        null::double as lon,
        true as location_approx,
        null::integer as students,
    from range(400) as t(i)
    """,
    """
    create table stg_submissions as
    with quarters as (
        select (date '2024-01-01' + to_months(3 * q))::date as q_start from range(11) as t(q)
    ),
    units as (
        select commune_id, 'ubnd_xa' as unit_kind, valid_from, valid_to from stg_communes
        union all
        select commune_id, 'ca_xa', valid_from, valid_to
        from stg_communes
        union all
        select null, unit_kind, null, null
        from (values ('vhtt'), ('gddt'), ('ttvhtttt'), ('ldtbxh')) as k(unit_kind)
        union all
        select null, 'cah', null, date '2025-02-28'
    )
    select
        'sub' || row_number() over ()::varchar as submission_id,
        'R' || row_number() over ()::varchar as receipt_id,
        units.unit_kind || coalesce(':' || units.commune_id, '') as unit_id,
        units.unit_kind,
        units.commune_id as unit_commune_id,
        quarters.q_start as period_start,
        (quarters.q_start + interval 3 month - interval 1 day)::date as period_end,
        strftime(quarters.q_start, '%Y') || '-Q' || quarter(quarters.q_start)::varchar
            as period,
        'active' as status,
        random() < 0.05 as no_activities,
        'bao_cao.xlsx' as file_name,
        md5(random()::varchar) as sha256,
        timestamp '2026-10-01' as received_at,
        0 as rows_read,
        0 as rows_loaded,
        0 as rows_rejected,
        'cli' as submitted_by,
        false as lock_override,
    from units
    cross join quarters
    where coalesce(units.valid_from <= quarters.q_start + interval 3 month, true)
        and coalesce(units.valid_to >= quarters.q_start, true)
        and random() < 0.9
    """,
    """
    create table stg_activities as
    with drawn as (
        select
            i,
            random() as kind_draw,
            (date '2024-01-01' + (random() * 1003)::integer)::date as start_date,
            (random() * $villages)::integer % $villages as village_n,
            (random() * 400)::integer % 400 as school_n,
            (random() * 6)::integer % 6 as audience_n,
            (random() * 6)::integer % 6 as lead_n,
            random() as partner_draw,
        from range($activities) as t(i)
    ),
    scoped as (
        select
            drawn.*,
            case
                when kind_draw < 0.6 or kind_draw >= 0.7 and kind_draw < 0.75 then 'village'
                when kind_draw < 0.8 then 'commune'
                when kind_draw < 0.9 then 'school'
                else 'online'
            end as place_scope,
        from drawn
    )
    select
        'a' || i::varchar as activity_id,
        'sub1' as submission_id,
        ['vhtt', 'gddt', 'ttvhtttt', 'ldtbxh', 'ubnd_xa', 'doan_the'][1 + lead_n] as lead_unit_id,
        ['vhtt', 'gddt', 'ttvhtttt', 'ldtbxh', 'ubnd_xa', 'doan_the'][1 + lead_n]
            as lead_unit_kind,
        case
            when partner_draw < 0.2 then ['doan_the']
            when partner_draw < 0.33 then ['vhtt', 'ubnd_xa']
            else []
        end::varchar[] as partner_kinds,
        start_date,
        case when i % 20 = 0 then start_date + 2 end as end_date,
        case
            when kind_draw < 0.6 then 'session'
            when kind_draw < 0.8 then 'broadcast'
            when kind_draw < 0.9 then 'session'
            else 'online'
        end as activity_type,
        case
            when kind_draw < 0.6 then 'direct'
            when kind_draw < 0.8 then 'indirect'
            when kind_draw < 0.9 then 'direct'
            else 'none'
        end as coverage,
        ['children', 'parents', 'teachers', 'officials', 'media', 'community'][1 + audience_n]
            as audience,
        case
            -- commune-wide after the reform: named with the 2025 commune
            when place_scope = 'commune' and start_date >= date '2025-07-01'
                then '2025:' || (20000 + (village_n % 100) % 30)::varchar
            when kind_draw < 0.8 then villages.commune_id
            when kind_draw < 0.9 then schools.commune_id
        end as commune_id,
        case when place_scope = 'village' then villages.village_id end as village_id,
        case when place_scope = 'school' then schools.school_id end as school_id,
        place_scope,
        case when kind_draw < 0.6 or kind_draw >= 0.8 and kind_draw < 0.9
            then 10 + (i * 7) % 90 end::integer as participants,
        case when audience_n = 0 and kind_draw < 0.6 then 5 + (i * 3) % 40 end::integer
            as children,
    from scoped
    left join stg_villages as villages on villages.village_id = 'v' || scoped.village_n::varchar
    left join stg_schools as schools on schools.school_id = 's' || scoped.school_n::varchar
    """,
    # no rejected rows, locks or audit events: the marts that read them build empty
    """
    create table stg_rejected_rows (
        submission_id varchar, file_name varchar, source_row integer, column_name varchar,
        column_key varchar, value varchar, reason_vi varchar, reason_en varchar
    )
    """,
    """
    create table stg_period_locks (
        period varchar, period_start date, period_end date, locked_at timestamptz,
        locked_by varchar, after_receipt integer
    )
    """,
    """
    create table stg_audit_events (
        event_no integer, event_at timestamptz, actor varchar, action varchar, target varchar,
        detail varchar
    )
    """,
)


if __name__ == "__main__":
    main()
