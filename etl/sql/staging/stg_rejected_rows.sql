-- one row per problem of a rejected report row (a row with two problems appears twice)
select * exclude (severity) from stg_row_problems
where severity = 'error'
