-- mask the phone and ID numbers of every cell of report_rows, in place, before any check reads
-- them (mask_cell: etl.reports.privacy, registered on the connection); only cells holding nine
-- digits close together ($suspect_pattern) are passed to it, in rows that hold some
update report_rows set
    row_number = if(regexp_matches(row_number, $suspect_pattern),
        mask_cell(row_number), row_number),
    start_date = if(regexp_matches(start_date, $suspect_pattern),
        mask_cell(start_date), start_date),
    end_date = if(regexp_matches(end_date, $suspect_pattern),
        mask_cell(end_date), end_date),
    lead_unit = if(regexp_matches(lead_unit, $suspect_pattern),
        mask_cell(lead_unit), lead_unit),
    partners = if(regexp_matches(partners, $suspect_pattern),
        mask_cell(partners), partners),
    activity_type = if(regexp_matches(activity_type, $suspect_pattern),
        mask_cell(activity_type), activity_type),
    audience = if(regexp_matches(audience, $suspect_pattern),
        mask_cell(audience), audience),
    commune = if(regexp_matches(commune, $suspect_pattern),
        mask_cell(commune), commune),
    village = if(regexp_matches(village, $suspect_pattern),
        mask_cell(village), village),
    school = if(regexp_matches(school, $suspect_pattern),
        mask_cell(school), school),
    participants = if(regexp_matches(participants, $suspect_pattern),
        mask_cell(participants), participants),
    children = if(regexp_matches(children, $suspect_pattern),
        mask_cell(children), children),
    content = if(regexp_matches(content, $suspect_pattern),
        mask_cell(content), content),
    latitude = if(regexp_matches(latitude, $suspect_pattern),
        mask_cell(latitude), latitude),
    longitude = if(regexp_matches(longitude, $suspect_pattern),
        mask_cell(longitude), longitude),
    note = if(regexp_matches(note, $suspect_pattern),
        mask_cell(note), note)
where regexp_matches(
    concat_ws('|', row_number, start_date, end_date, lead_unit, partners, activity_type,
        audience, commune, village, school, participants, children, content, latitude,
        longitude, note),
    $suspect_pattern
)
