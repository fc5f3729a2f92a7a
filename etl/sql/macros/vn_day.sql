-- a day (or, with_time, a day and time) the way clerks write it, dd/mm/yyyy [hh:mm], in the
-- text of both languages: the same rule as etl.present.format.vn_day
create or replace temp macro vn_day(value, with_time := false) as
    strftime(value, if(with_time, '%d/%m/%Y %H:%M', '%d/%m/%Y'))
