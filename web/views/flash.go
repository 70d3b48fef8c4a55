package views

func flashRole(kind string) string {
	if kind == "error" {
		return "alert"
	}
	return "status"
}
