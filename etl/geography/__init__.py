"""Where things are: communes by date, boundaries, villages and schools."""
