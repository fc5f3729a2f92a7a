-- mask the phone and ID numbers of every cell of report_rows, in place, before any check reads
-- them (mask_cell: etl.reports.privacy, registered on the connection); only rows whose cells
-- hold nine digits close together ($suspect_pattern) are passed to it
update report_rows set
    row_number = mask_cell(row_number),
    start_date = mask_cell(start_date),
    end_date = mask_cell(end_date),
    lead_unit = mask_cell(lead_unit),
    partners = mask_cell(partners),
    activity_type = mask_cell(activity_type),
    audience = mask_cell(audience),
    commune = mask_cell(commune),
    village = mask_cell(village),
    school = mask_cell(school),
    participants = mask_cell(participants),
    children = mask_cell(children),
    content = mask_cell(content),
    latitude = mask_cell(latitude),
    longitude = mask_cell(longitude),
    note = mask_cell(note)
where regexp_matches(
    concat_ws('|', row_number, start_date, end_date, lead_unit, partners, activity_type,
        audience, commune, village, school, participants, children, content, latitude,
        longitude, note),
    $suspect_pattern
)
